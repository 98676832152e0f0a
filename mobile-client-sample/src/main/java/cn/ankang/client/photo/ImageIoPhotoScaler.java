package cn.ankang.client.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Sizes photos with the JDK's ImageIO: scaled down in halving steps (one bilinear step
 * from 4,000 to 1,600 px would drop pixels and alias), written as a baseline JPEG at the
 * sizing's quality.
 * <p>
 * ImageIO neither reads nor writes EXIF fields, so the EXIF data travels as the whole
 * segment it came in: with {@link PhotoSizing#keepLocation()} the original APP1 (EXIF)
 * segment is carried into the new JPEG byte for byte, location, time and camera included
 * (its pixel sizes and thumbnail are then the original's); without it that segment is
 * left out, and only the orientation is written back in a segment of its own, so that a
 * photo taken upright still stands upright. Neither way are the pixels turned.
 */
public final class ImageIoPhotoScaler implements PhotoScaler {

	private static final int APP0 = 0xE0;

	private static final int APP1 = 0xE1;

	private static final int START_OF_SCAN = 0xDA;

	private static final int ORIENTATION = 0x0112;

	@Override
	public boolean scale(Path original, Path target, PhotoSizing sizing) throws IOException {
		byte[] bytes = Files.readAllBytes(original);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
		if (image == null) {
			return false;
		}
		byte[] jpeg = encode(resize(image, sizing.longestSide()), sizing.quality());
		byte[] exif = isJpeg(bytes) ? exifSegment(bytes) : null;
		byte[] segment = null;
		if (exif != null && sizing.keepLocation()) {
			segment = exif;
		}
		else if (exif != null) {
			int orientation = orientation(exif);
			segment = (orientation > 1 && orientation <= 8) ? orientationSegment(orientation) : null;
		}
		try (OutputStream out = Files.newOutputStream(target)) {
			out.write((segment != null) ? insertAfterHeader(jpeg, segment) : jpeg);
		}
		return true;
	}

	static BufferedImage resize(BufferedImage image, int longestSide) {
		int width = image.getWidth();
		int height = image.getHeight();
		double factor = Math.min(1.0, (double) longestSide / Math.max(width, height));
		int targetWidth = Math.max(1, (int) Math.round(width * factor));
		int targetHeight = Math.max(1, (int) Math.round(height * factor));
		BufferedImage current = image;
		while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		// also for a photo already small enough: JPEG wants RGB without alpha
		return draw(current, targetWidth, targetHeight);
	}

	private static BufferedImage draw(BufferedImage source, int width, int height) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			// transparent pixels (a PNG) become white, not black
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, width, height);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private static byte[] encode(BufferedImage image, float quality) throws IOException {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
		if (!writers.hasNext()) {
			throw new IOException("This JDK has no JPEG writer");
		}
		ImageWriter writer = writers.next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			parameters.setCompressionQuality(quality);
			writer.write(null, new IIOImage(image, null, null), parameters);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	private static boolean isJpeg(byte[] bytes) {
		return bytes.length > 4 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
	}

	/**
	 * The first APP1 segment that holds EXIF data, marker and length included; null when
	 * there is none before the image data.
	 */
	static byte[] exifSegment(byte[] jpeg) {
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xFF) {
				// a fill byte before the marker
				at++;
				continue;
			}
			if (marker == START_OF_SCAN) {
				return null;
			}
			int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
			if (length < 2 || at + 2 + length > jpeg.length) {
				return null;
			}
			if (marker == APP1 && length >= 8 && jpeg[at + 4] == 'E' && jpeg[at + 5] == 'x' && jpeg[at + 6] == 'i'
					&& jpeg[at + 7] == 'f') {
				byte[] segment = new byte[2 + length];
				System.arraycopy(jpeg, at, segment, 0, segment.length);
				return segment;
			}
			at += 2 + length;
		}
		return null;
	}

	/**
	 * The EXIF orientation (1 to 8) of IFD0 in an APP1 segment; 1, upright, when the
	 * segment does not say or does not read.
	 */
	static int orientation(byte[] segment) {
		// marker (2), length (2), "Exif\0\0" (6), then the TIFF structure
		int tiff = 10;
		if (segment.length < tiff + 8) {
			return 1;
		}
		boolean bigEndian = segment[tiff] == 'M' && segment[tiff + 1] == 'M';
		if (!bigEndian && !(segment[tiff] == 'I' && segment[tiff + 1] == 'I')) {
			return 1;
		}
		long ifd = tiff + unsigned(segment, tiff + 4, 4, bigEndian);
		if (ifd + 2 > segment.length) {
			return 1;
		}
		int entries = (int) unsigned(segment, (int) ifd, 2, bigEndian);
		for (int i = 0; i < entries; i++) {
			int entry = (int) ifd + 2 + i * 12;
			if (entry + 12 > segment.length) {
				return 1;
			}
			if (unsigned(segment, entry, 2, bigEndian) == ORIENTATION) {
				return (int) unsigned(segment, entry + 8, 2, bigEndian);
			}
		}
		return 1;
	}

	/** An APP1 segment whose EXIF data is the orientation alone. */
	static byte[] orientationSegment(int orientation) {
		return new byte[] { (byte) 0xFF, (byte) APP1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
				// big-endian TIFF, IFD0 right after the header
				'M', 'M', 0, 42, 0, 0, 0, 8,
				// one entry: orientation, SHORT, one value
				0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
				// no next IFD
				0, 0, 0, 0 };
	}

	/**
	 * The JPEG with a segment right after its start, or after its JFIF header when it has
	 * one: JFIF wants its header first, and readers find EXIF anywhere before the image.
	 */
	private static byte[] insertAfterHeader(byte[] jpeg, byte[] segment) {
		int at = 2;
		if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == APP0) {
			at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
		}
		byte[] result = new byte[jpeg.length + segment.length];
		System.arraycopy(jpeg, 0, result, 0, at);
		System.arraycopy(segment, 0, result, at, segment.length);
		System.arraycopy(jpeg, at, result, at + segment.length, jpeg.length - at);
		return result;
	}

	private static long unsigned(byte[] bytes, int at, int length, boolean bigEndian) {
		if (at < 0 || at + length > bytes.length) {
			return Long.MAX_VALUE / 2;
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			int b = bytes[bigEndian ? at + i : at + length - 1 - i] & 0xFF;
			value = (value << 8) | b;
		}
		return value;
	}

}
