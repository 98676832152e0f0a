package cn.ankang.client.delta;

import org.json.JSONObject;

/**
 * One entry of the service's change feed ({@code Change}).
 */
public final class Change {

	/** Store the node under its id. */
	public static final String UPSERT = "UPSERT";

	/** Remove the item (a household with its measures). */
	public static final String DELETE = "DELETE";

	/** Remove the village and everything stored under it. */
	public static final String LEFT_JURISDICTION = "LEFT_JURISDICTION";

	private final String operation;

	private final String itemType;

	private final String id;

	private final String villageId;

	private final JSONObject node;

	/**
	 * A change.
	 * @param operation {@link #UPSERT}, {@link #DELETE} or {@link #LEFT_JURISDICTION}
	 * @param itemType {@code VILLAGE}, {@code HOUSEHOLD}, {@code ASSISTANCE_MEASURE} or
	 * {@code VISIT}
	 * @param id the item's global id
	 * @param villageId the village it belongs to
	 * @param node the item for upserts, or null
	 */
	public Change(String operation, String itemType, String id, String villageId, JSONObject node) {
		this.operation = operation;
		this.itemType = itemType;
		this.id = id;
		this.villageId = villageId;
		this.node = node;
	}

	/**
	 * Reads a change of the feed.
	 * @param json the {@code Change} as the service sent it
	 * @return the change
	 */
	public static Change fromJson(JSONObject json) {
		return new Change(json.getString("operation"), json.getString("itemType"), json.getString("id"),
				json.getString("villageId"), json.optJSONObject("node"));
	}

	/**
	 * What to do.
	 * @return the operation
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * The kind of item.
	 * @return the item type
	 */
	public String itemType() {
		return this.itemType;
	}

	/**
	 * The item's global id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The village's global id.
	 * @return the id
	 */
	public String villageId() {
		return this.villageId;
	}

	/**
	 * The item, for upserts.
	 * @return the node, or null
	 */
	public JSONObject node() {
		return this.node;
	}

}
