package cn.ankang.bangfu.photo;

/**
 * A photo the service holds.
 *
 * @param sha256 its SHA-256, lower-case hex
 * @param contentType its type, judged by its content
 * @param size its size in bytes
 */
public record StoredPhoto(String sha256, String contentType, long size) {
}
