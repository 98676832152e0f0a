package cn.ankang.bangfu.sync;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * One entry of the change feed: an item the phone must store, drop, or drop with
 * everything under it.
 *
 * @param operation what the phone does with the item
 * @param itemType what kind of item it is
 * @param key the item's key within its type
 * @param villageKey the village the item belongs to
 * @param position where the change stands in the feed; {@code null} for villages that
 * left, which come first and have no position
 */
record Change(Operation operation, ItemType itemType, String key, long villageKey,
		ChangeCursor.@org.jspecify.annotations.Nullable Position position) {

	/** The item's global id. */
	public String id() {
		return GlobalId.of(this.itemType.graphQlType(), this.key);
	}

	GlobalId globalId() {
		return new GlobalId(this.itemType.graphQlType(), this.key);
	}

	public String villageId() {
		return GlobalId.of("Village", this.villageKey);
	}

	/** What the phone does with an item. */
	enum Operation {

		UPSERT, DELETE, LEFT_JURISDICTION

	}

	/** The kinds of item a phone holds. */
	enum ItemType {

		VILLAGE("Village"), HOUSEHOLD("Household"), ASSISTANCE_MEASURE("AssistanceMeasure"), VISIT("Visit"),
		MONITORING_CASE("MonitoringCase"), TASK("Task");

		private final String graphQlType;

		ItemType(String graphQlType) {
			this.graphQlType = graphQlType;
		}

		String graphQlType() {
			return this.graphQlType;
		}

	}

}
