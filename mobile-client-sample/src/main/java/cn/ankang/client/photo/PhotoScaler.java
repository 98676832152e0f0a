package cn.ankang.client.photo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sizes a photo for the field before it goes up. An Android app implements it with its
 * own bitmap API ({@code BitmapFactory} with {@code inSampleSize},
 * {@code Bitmap.compress} to JPEG, {@code ExifInterface} to copy or leave out the
 * location); the sample's {@link ImageIoPhotoScaler} does it with the JDK.
 */
public interface PhotoScaler {

	/**
	 * Writes the photo, sized, as a JPEG.
	 * @param original the photo as taken
	 * @param target where the sized JPEG goes (its folder exists)
	 * @param sizing how large, how good, and whether with location
	 * @return false when this scaler does not read this kind of image (then nothing was
	 * written, and the original goes up as it is)
	 * @throws IOException when the photo or the target cannot be read or written
	 */
	boolean scale(Path original, Path target, PhotoSizing sizing) throws IOException;

}
