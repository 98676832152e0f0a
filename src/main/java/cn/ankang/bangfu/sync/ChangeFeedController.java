package cn.ankang.bangfu.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.Nodes;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The change feed of {@code schema/sync.graphqls}.
 */
@Controller
class ChangeFeedController {

	private final ChangeFeedService feed;

	private final Nodes nodes;

	ChangeFeedController(ChangeFeedService feed, Nodes nodes) {
		this.feed = feed;
		this.nodes = nodes;
	}

	@QueryMapping
	ChangePage changes(@Argument @Nullable String after, @Argument @Nullable Integer first) {
		return this.feed.changes(after, first);
	}

	/**
	 * The items to store, loaded one batch per type for the whole page; changes without
	 * an item map to nothing.
	 */
	@BatchMapping(typeName = "Change")
	Map<Change, Object> node(List<Change> changes) {
		List<Change> upserts = changes.stream()
			.filter((change) -> change.operation() == Change.Operation.UPSERT)
			.toList();
		List<@Nullable Object> loaded = this.nodes.load(upserts.stream().map(Change::globalId).toList());
		Map<Change, Object> result = new HashMap<>();
		for (int i = 0; i < upserts.size(); i++) {
			Object node = loaded.get(i);
			if (node != null) {
				result.put(upserts.get(i), node);
			}
		}
		return result;
	}

}
