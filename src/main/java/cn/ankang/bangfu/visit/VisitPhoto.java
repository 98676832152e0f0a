package cn.ankang.bangfu.visit;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.photo.PhotoService;
import cn.ankang.bangfu.photo.StoredPhoto;

/**
 * A photo a visit refers to, which may not have arrived yet.
 *
 * @param sha256 its SHA-256, lower-case hex
 * @param uploaded whether it has arrived
 * @param contentType its type, once arrived
 * @param size its size in bytes, once arrived
 * @param url where it is served
 */
record VisitPhoto(String sha256, boolean uploaded, @Nullable String contentType, @Nullable Long size, String url) {

	static VisitPhoto of(String sha256, @Nullable StoredPhoto stored) {
		return new VisitPhoto(sha256, stored != null, (stored != null) ? stored.contentType() : null,
				(stored != null) ? stored.size() : null, PhotoService.url(sha256));
	}

}
