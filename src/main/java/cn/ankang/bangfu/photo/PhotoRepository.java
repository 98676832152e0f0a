package cn.ankang.bangfu.photo;

import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of photos and upload slots. Hashes are bytes in the database and lower-case hex
 * everywhere else.
 */
@Repository
class PhotoRepository {

	private static final HexFormat HEX = HexFormat.of();

	private static final RowMapper<Upload> UPLOAD = (rs, n) -> new Upload(rs.getObject("id", UUID.class),
			rs.getLong("user_id"), HEX.formatHex(rs.getBytes("sha256")), rs.getLong("size_bytes"),
			rs.getString("content_type"), rs.getObject("completed_at") != null);

	private static final RowMapper<StoredPhoto> PHOTO = (rs, n) -> new StoredPhoto(HEX.formatHex(rs.getBytes("sha256")),
			rs.getString("content_type"), rs.getLong("size_bytes"));

	private final JdbcClient jdbc;

	PhotoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The user's slot for the photo, made now if there was none. */
	Upload slot(long user, String sha256, long size, String contentType) {
		this.jdbc.sql("""
				insert into photo_upload (id, user_id, sha256, size_bytes, content_type)
				values (:id, :user, :sha, :size, :type)
				on conflict (user_id, sha256) do nothing""")
			.param("id", UUID.randomUUID())
			.param("user", user)
			.param("sha", HEX.parseHex(sha256))
			.param("size", size)
			.param("type", contentType)
			.update();
		return this.jdbc.sql("select * from photo_upload where user_id = :user and sha256 = :sha")
			.param("user", user)
			.param("sha", HEX.parseHex(sha256))
			.query(UPLOAD)
			.single();
	}

	/** Declares the slot's size and type anew, for a phone that asks with other ones. */
	void redeclare(UUID upload, long size, String contentType) {
		this.jdbc.sql("update photo_upload set size_bytes = :size, content_type = :type where id = :id")
			.param("id", upload)
			.param("size", size)
			.param("type", contentType)
			.update();
	}

	Optional<Upload> upload(UUID id, long user) {
		return this.jdbc.sql("select * from photo_upload where id = :id and user_id = :user")
			.param("id", id)
			.param("user", user)
			.query(UPLOAD)
			.optional();
	}

	/**
	 * The photos among these that cadres' accounts finished uploading, with the cadre.
	 */
	List<Sent> sentByCadres(Collection<String> sha256s) {
		return this.jdbc.sql("""
				select a.cadre_id, p.* from photo p
				join photo_upload u on u.sha256 = p.sha256 and u.completed_at is not null
				join app_user a on a.id = u.user_id and a.cadre_id is not null
				where p.sha256 = any(:shas)""")
			.param("shas", sha256s.stream().map(HEX::parseHex).toArray(byte[][]::new))
			.query((rs, n) -> new Sent(rs.getLong("cadre_id"), PHOTO.mapRow(rs, n)))
			.list();
	}

	/** A photo a cadre sent. */
	record Sent(long cadreKey, StoredPhoto photo) {
	}

	/**
	 * Records the photo as stored (once, whoever sent it first) and the slot as complete.
	 */
	void stored(Upload upload, String contentType) {
		this.jdbc.sql("""
				insert into photo (sha256, content_type, size_bytes, uploaded_by) values (:sha, :type, :size, :user)
				on conflict (sha256) do nothing""")
			.param("sha", HEX.parseHex(upload.sha256()))
			.param("type", contentType)
			.param("size", upload.size())
			.param("user", upload.userKey())
			.update();
		this.jdbc.sql("update photo_upload set completed_at = now() where id = :id").param("id", upload.id()).update();
	}

	/**
	 * The photo, if the user sent it, or a visit in the user's jurisdiction refers to it
	 * and the visit's cadre sent it: naming a hash in a visit does not make the photo
	 * one's own.
	 */
	Optional<StoredPhoto> readable(String sha256, long user, Scope scope) {
		return this.jdbc
			.sql("""
					select p.* from photo p
					where p.sha256 = :sha
					  and (exists (select from photo_upload u
					               where u.sha256 = p.sha256 and u.user_id = :user and u.completed_at is not null)
					       or exists (select from visit v
					                  where v.photo_sha256s @> array[cast(:hex as text)] and %s
					                    and exists (select from photo_upload u join app_user a on a.id = u.user_id
					                                where u.sha256 = p.sha256 and u.completed_at is not null
					                                  and a.cadre_id = v.cadre_id)))"""
				.formatted(scope.visitPredicate("v.village_id", "v.cadre_id")))
			.param("sha", HEX.parseHex(sha256))
			.param("hex", sha256)
			.param("user", user)
			.params(scope.parameters())
			.query(PHOTO)
			.optional();
	}

	/**
	 * An upload slot.
	 *
	 * @param id the slot's id
	 * @param userKey the user it belongs to
	 * @param sha256 the photo's SHA-256, hex
	 * @param size the photo's size in bytes, as declared
	 * @param contentType the type declared
	 * @param complete whether the photo arrived
	 */
	record Upload(UUID id, long userKey, String sha256, long size, String contentType, boolean complete) {
	}

}
