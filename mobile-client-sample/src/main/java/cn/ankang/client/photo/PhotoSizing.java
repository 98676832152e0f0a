package cn.ankang.client.photo;

/**
 * How photos are sized before they go up: the longest side at most so many pixels, JPEG
 * at this quality, and whether the photo's location (its EXIF data, GPS included) goes
 * with it, which the cadre decides. A phone's 12-megapixel photo of 3 to 5 MB becomes
 * about 300 to 500 KB at the defaults, still sharp enough to read a door plate.
 */
public final class PhotoSizing {

	/** The longest side when none is given. */
	public static final int DEFAULT_LONGEST_SIDE = 1600;

	/** The JPEG quality when none is given. */
	public static final float DEFAULT_QUALITY = 0.8f;

	private final int longestSide;

	private final float quality;

	private final boolean keepLocation;

	/**
	 * A sizing.
	 * @param longestSide the longest side in pixels, at least 1; smaller photos are never
	 * enlarged
	 * @param quality the JPEG quality, above 0 and at most 1
	 * @param keepLocation whether the photo's EXIF data, with its location, goes with it
	 */
	public PhotoSizing(int longestSide, float quality, boolean keepLocation) {
		if (longestSide < 1) {
			throw new IllegalArgumentException("The longest side is at least one pixel: " + longestSide);
		}
		if (!(quality > 0 && quality <= 1)) {
			throw new IllegalArgumentException("The quality lies above 0 and at most 1: " + quality);
		}
		this.longestSide = longestSide;
		this.quality = quality;
		this.keepLocation = keepLocation;
	}

	/**
	 * The defaults: {@value #DEFAULT_LONGEST_SIDE} px, quality {@value #DEFAULT_QUALITY},
	 * location as the cadre allows.
	 * @param keepLocation whether the cadre allows the location to go with photos
	 * @return the sizing
	 */
	public static PhotoSizing defaults(boolean keepLocation) {
		return new PhotoSizing(DEFAULT_LONGEST_SIDE, DEFAULT_QUALITY, keepLocation);
	}

	/**
	 * The longest side in pixels.
	 * @return pixels
	 */
	public int longestSide() {
		return this.longestSide;
	}

	/**
	 * The JPEG quality.
	 * @return above 0, at most 1
	 */
	public float quality() {
		return this.quality;
	}

	/**
	 * Whether the EXIF data, location included, goes with the photo.
	 * @return whether it does
	 */
	public boolean keepLocation() {
		return this.keepLocation;
	}

	@Override
	public String toString() {
		return this.longestSide + " px, quality " + this.quality + (this.keepLocation ? ", with" : ", without")
				+ " location";
	}

}
