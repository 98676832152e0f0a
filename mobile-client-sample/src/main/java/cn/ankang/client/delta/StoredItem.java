package cn.ankang.client.delta;

import org.json.JSONObject;

/**
 * An item the phone holds: what the last upsert of its id carried.
 */
public final class StoredItem {

	private final String id;

	private final String itemType;

	private final String villageId;

	private final JSONObject node;

	/**
	 * An item.
	 * @param id its global id
	 * @param itemType its kind
	 * @param villageId its village's global id
	 * @param node the item as the feed sent it
	 */
	public StoredItem(String id, String itemType, String villageId, JSONObject node) {
		this.id = id;
		this.itemType = itemType;
		this.villageId = villageId;
		this.node = node;
	}

	/**
	 * Reads what {@link #toJson()} wrote.
	 * @param json the stored form
	 * @return the item
	 */
	public static StoredItem fromJson(JSONObject json) {
		return new StoredItem(json.getString("id"), json.getString("itemType"), json.getString("villageId"),
				json.getJSONObject("node"));
	}

	/**
	 * The stored form.
	 * @return a new JSON object
	 */
	public JSONObject toJson() {
		return new JSONObject().put("id", this.id)
			.put("itemType", this.itemType)
			.put("villageId", this.villageId)
			.put("node", this.node);
	}

	/**
	 * The item's global id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The kind of item.
	 * @return {@code VILLAGE}, {@code HOUSEHOLD}, {@code ASSISTANCE_MEASURE} or
	 * {@code VISIT}
	 */
	public String itemType() {
		return this.itemType;
	}

	/**
	 * The village's global id.
	 * @return the id
	 */
	public String villageId() {
		return this.villageId;
	}

	/**
	 * The item as the feed sent it.
	 * @return the node
	 */
	public JSONObject node() {
		return this.node;
	}

}
