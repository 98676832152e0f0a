package cn.ankang.bangfu.view;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A saved view.
 *
 * @param key its key
 * @param ownerKey the account that saved it; null for a built-in view
 * @param ownerName that account's display name, or the system's for a built-in view
 * @param name its name
 * @param description what it shows
 * @param document the GraphQL query
 * @param variables the query's variables
 * @param sharedWithRoles roles it is shared with
 * @param sharedWithLevels jurisdiction levels it is shared with
 * @param sharedWithUserKeys accounts it is shared with
 * @param updatedAt when it was last saved
 * @param ownedByMe whether the signed-in user saved it
 * @param chart how it is drawn
 * @param recipe what the view builder made it from, or null for a view written as a query
 * @param builtIn whether it came with the service
 */
record SavedView(long key, @Nullable Long ownerKey, String ownerName, String name, String description, String document,
		Map<String, Object> variables, List<String> sharedWithRoles, List<String> sharedWithLevels,
		List<Long> sharedWithUserKeys, OffsetDateTime updatedAt, boolean ownedByMe, String chart,
		@Nullable Recipe recipe, boolean builtIn) {

	static final String TYPE = "SavedView";

	public String id() {
		return GlobalId.of(TYPE, this.key);
	}

	/** Whom it is shared with is the owner's business. */
	public List<String> sharedWithUserIds() {
		return this.ownedByMe ? this.sharedWithUserKeys.stream().map((user) -> GlobalId.of("User", user)).toList()
				: List.of();
	}

	/**
	 * What a view made with the view builder was made from.
	 *
	 * @param figure the figure's query field
	 * @param measures the numbers it shows, by field
	 */
	record Recipe(String figure, List<String> measures) {
	}

}
