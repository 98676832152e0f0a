package cn.ankang.bangfu.view;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import cn.ankang.bangfu.shared.GlobalId;

/**
 * A saved view.
 *
 * @param key its key
 * @param ownerKey the account that saved it
 * @param ownerName that account's display name
 * @param name its name
 * @param description what it shows
 * @param document the GraphQL query
 * @param variables the query's variables
 * @param sharedWithRoles roles it is shared with
 * @param sharedWithLevels jurisdiction levels it is shared with
 * @param sharedWithUserKeys accounts it is shared with
 * @param updatedAt when it was last saved
 * @param ownedByMe whether the signed-in user saved it
 */
record SavedView(long key, long ownerKey, String ownerName, String name, String description, String document,
		Map<String, Object> variables, List<String> sharedWithRoles, List<String> sharedWithLevels,
		List<Long> sharedWithUserKeys, OffsetDateTime updatedAt, boolean ownedByMe) {

	static final String TYPE = "SavedView";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** Whom it is shared with is the owner's business. */
	public List<String> sharedWithUserIds() {
		return this.ownedByMe ? this.sharedWithUserKeys.stream().map((user) -> GlobalId.of("User", user)).toList()
				: List.of();
	}

}
