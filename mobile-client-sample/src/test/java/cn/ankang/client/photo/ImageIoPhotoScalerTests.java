package cn.ankang.client.photo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.FakeService;
import cn.ankang.client.FakeService.Reply;
import cn.ankang.client.Operation;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos sized for the field with the JDK: large ones shrink with their aspect kept,
 * small ones stay their size, the EXIF data goes with them only where the cadre allows,
 * and the uploader sends, and hashes, the sized bytes.
 */
class ImageIoPhotoScalerTests {

	@TempDir
	Path folder;

	private final ImageIoPhotoScaler scaler = new ImageIoPhotoScaler();

	private FakeService service;

	@AfterEach
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
	}

	@Test
	void aLargePhotoShrinksToTheLongestSideWithItsAspectKept() throws Exception {
		Path original = write("camera.jpg", photo(4000, 3000));
		Path sized = this.folder.resolve("sized.jpg");

		assertThat(this.scaler.scale(original, sized, PhotoSizing.defaults(false))).isTrue();

		BufferedImage image = ImageIO.read(sized.toFile());
		assertThat(image.getWidth()).isEqualTo(1600);
		assertThat(image.getHeight()).isEqualTo(1200);
		assertThat(Files.size(sized)).isLessThan(Files.size(original) / 4);

		// portrait, with a longest side of its own
		Path portrait = write("portrait.jpg", photo(1500, 2000));
		this.scaler.scale(portrait, sized, new PhotoSizing(1000, 0.7f, false));
		image = ImageIO.read(sized.toFile());
		assertThat(image.getWidth()).isEqualTo(750);
		assertThat(image.getHeight()).isEqualTo(1000);
	}

	@Test
	void aSmallPhotoIsNotEnlarged() throws Exception {
		Path original = write("small.jpg", photo(800, 600));
		Path sized = this.folder.resolve("sized.jpg");

		this.scaler.scale(original, sized, PhotoSizing.defaults(false));

		BufferedImage image = ImageIO.read(sized.toFile());
		assertThat(image.getWidth()).isEqualTo(800);
		assertThat(image.getHeight()).isEqualTo(600);
	}

	@Test
	void theExifDataGoesWithThePhotoOnlyWhereTheCadreAllows() throws Exception {
		byte[] exif = exifWithLocation();
		Path original = write("located.jpg", withSegment(photo(2000, 1500), exif));
		Path kept = this.folder.resolve("kept.jpg");
		Path dropped = this.folder.resolve("dropped.jpg");

		this.scaler.scale(original, kept, PhotoSizing.defaults(true));
		this.scaler.scale(original, dropped, PhotoSizing.defaults(false));

		assertThat(ImageIoPhotoScaler.exifSegment(Files.readAllBytes(kept))).isEqualTo(exif);
		// without location only the orientation stays, so the photo still stands upright
		byte[] left = ImageIoPhotoScaler.exifSegment(Files.readAllBytes(dropped));
		assertThat(left).isEqualTo(ImageIoPhotoScaler.orientationSegment(6));
		assertThat(ImageIoPhotoScaler.orientation(left)).isEqualTo(6);
		assertThat(new String(Files.readAllBytes(dropped), "ISO-8859-1")).doesNotContain("GPSDATA");
		// both still read as images
		assertThat(ImageIO.read(kept.toFile()).getWidth()).isEqualTo(1600);
		assertThat(ImageIO.read(dropped.toFile()).getWidth()).isEqualTo(1600);

		// a photo without EXIF gets none
		Path plain = write("plain.jpg", photo(2000, 1500));
		this.scaler.scale(plain, kept, PhotoSizing.defaults(true));
		assertThat(ImageIoPhotoScaler.exifSegment(Files.readAllBytes(kept))).isNull();
	}

	@Test
	void whatItCannotReadGoesUpAsItIs() throws Exception {
		Path webp = write("photo.webp", new byte[] { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P' });
		assertThat(this.scaler.scale(webp, this.folder.resolve("sized.jpg"), PhotoSizing.defaults(false))).isFalse();
	}

	@Test
	void theUploaderSendsAndHashesTheSizedBytes() throws Exception {
		Path original = write("camera.jpg", photo(4000, 3000));
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		String[] slot = new String[3];
		this.service = new FakeService();
		this.service.graphQl((request) -> {
			JSONObject input = request.variables().getJSONObject("input");
			slot[0] = input.getString("sha256");
			slot[1] = Long.toString(input.getLong("size"));
			slot[2] = input.getString("contentType");
			JSONObject upload = new JSONObject().put("id", "u1")
				.put("uploadUrl", "/photos/uploads/u1")
				.put("size", input.getLong("size"))
				.put("receivedBytes", 0)
				.put("complete", false);
			return Reply.data(new JSONObject().put("requestPhotoUpload",
					new JSONObject().put("upload", upload).put("userErrors", new org.json.JSONArray())));
		});
		this.service.other((request) -> {
			synchronized (received) {
				received.write(request.body, 0, request.body.length);
				return new Reply(204, "").header("Upload-Offset", Integer.toString(received.size()));
			}
		});
		BangfuClient client = BangfuClient
			.builder(this.service.url(), new FakeService.MemorySessionStore(FakeService.tokens("access", "refresh")))
			.build();
		RetryPolicy retry = new RetryPolicy(
				new Backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5), new Random(7)), 5,
				(wait) -> {
				});
		PhotoUploader uploader = new PhotoUploader(client, retry, PhotoUploader.DEFAULT_CHUNK, this.scaler,
				PhotoSizing.defaults(false));

		// the visit names the photo by the hash of what will go up, before it goes up
		Path prepared = uploader.prepare(original);
		String named = PhotoUploader.sha256(prepared);
		PhotoUploader.Result result = uploader.upload(original, "image/jpeg");

		assertThat(result.sha256()).isEqualTo(named).isEqualTo(slot[0]);
		assertThat(Operation.sha256Hex(received.toByteArray())).isEqualTo(named);
		assertThat(result.size()).isEqualTo(Files.size(prepared)).isLessThan(Files.size(original) / 4);
		assertThat(slot[2]).isEqualTo("image/jpeg");
		assertThat(uploader.prepare(prepared)).isEqualTo(prepared);
	}

	private Path write(String name, byte[] bytes) throws Exception {
		Path file = this.folder.resolve(name);
		Files.write(file, bytes);
		return file;
	}

	/** A camera-like JPEG: smooth light with noise, at quality 0.95. */
	private static byte[] photo(int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(width * 31L + height);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int r = (x * 255 / width + random.nextInt(40)) & 0xFF;
				int g = (y * 255 / height + random.nextInt(40)) & 0xFF;
				int b = ((x + y) * 127 / (width + height) + random.nextInt(40)) & 0xFF;
				image.setRGB(x, y, (r << 16) | (g << 8) | b);
			}
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			javax.imageio.ImageWriteParam parameters = writer.getDefaultWriteParam();
			parameters.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
			parameters.setCompressionQuality(0.95f);
			writer.write(null, new javax.imageio.IIOImage(image, null, null), parameters);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/**
	 * An EXIF segment as a phone writes it, in little-endian order: IFD0 with the
	 * orientation (6, turned right) and a pointer to a GPS IFD, which holds the latitude
	 * reference and, as its marker for the test, an ASCII value "GPSDATA".
	 */
	private static byte[] exifWithLocation() {
		ByteArrayOutputStream tiff = new ByteArrayOutputStream();
		// header: II, 42, IFD0 at 8
		write(tiff, 'I', 'I', 42, 0, 8, 0, 0, 0);
		// IFD0: two entries
		write(tiff, 2, 0);
		// orientation, SHORT, 1, 6
		write(tiff, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0);
		// GPS IFD pointer, LONG, 1, at 38
		write(tiff, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0);
		// no next IFD
		write(tiff, 0, 0, 0, 0);
		// GPS IFD at 38: two entries
		write(tiff, 2, 0);
		// latitude reference, ASCII, 2, "N\0"
		write(tiff, 1, 0, 2, 0, 2, 0, 0, 0, 'N', 0, 0, 0);
		// a made-up ASCII tag, 8 bytes at 68: "GPSDATA\0"
		write(tiff, 0x1B, 0, 2, 0, 8, 0, 0, 0, 68, 0, 0, 0);
		write(tiff, 0, 0, 0, 0);
		write(tiff, 'G', 'P', 'S', 'D', 'A', 'T', 'A', 0);
		byte[] body = tiff.toByteArray();
		int length = 2 + 6 + body.length;
		ByteArrayOutputStream segment = new ByteArrayOutputStream();
		write(segment, 0xFF, 0xE1, length >> 8, length & 0xFF, 'E', 'x', 'i', 'f', 0, 0);
		segment.write(body, 0, body.length);
		return segment.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, int... bytes) {
		for (int b : bytes) {
			out.write(b);
		}
	}

	/** The JPEG with a segment right after its start, as cameras put EXIF. */
	private static byte[] withSegment(byte[] jpeg, byte[] segment) {
		byte[] result = new byte[jpeg.length + segment.length];
		System.arraycopy(jpeg, 0, result, 0, 2);
		System.arraycopy(segment, 0, result, 2, segment.length);
		System.arraycopy(jpeg, 2, result, 2 + segment.length, jpeg.length - 2);
		return result;
	}

}
