package cn.ankang.client.delta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.storage.AtomicFiles;

/**
 * A {@link LocalStore} in one JSON file with the items and the cursor, rewritten whole
 * and atomically for every page: simple, and right for the few hundred items a cadre
 * holds. Reads come from memory.
 */
public final class FileLocalStore implements LocalStore {

	private final Path file;

	private String cursor;

	private Map<String, StoredItem> items = new LinkedHashMap<>();

	/**
	 * The store in this file, read when it exists.
	 * @param file the file; its folder is made when missing
	 * @throws IOException when it cannot be read
	 */
	public FileLocalStore(Path file) throws IOException {
		this.file = file;
		Path folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		AtomicFiles.removeLeftovers(folder);
		if (Files.exists(file)) {
			JSONObject json = new JSONObject(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
			this.cursor = json.optString("cursor", null);
			JSONArray stored = json.getJSONArray("items");
			for (int i = 0; i < stored.length(); i++) {
				StoredItem item = StoredItem.fromJson(stored.getJSONObject(i));
				this.items.put(item.id(), item);
			}
		}
	}

	@Override
	public synchronized String cursor() {
		return this.cursor;
	}

	@Override
	public synchronized void apply(List<Change> changes, String cursor) throws IOException {
		Map<String, StoredItem> next = new LinkedHashMap<>(this.items);
		applyTo(next, changes);
		JSONArray stored = new JSONArray();
		for (StoredItem item : next.values()) {
			stored.put(item.toJson());
		}
		JSONObject json = new JSONObject().put("cursor", cursor).put("items", stored);
		AtomicFiles.write(this.file, json.toString().getBytes(StandardCharsets.UTF_8));
		// memory follows the disk only once the disk has it
		this.items = next;
		this.cursor = cursor;
	}

	@Override
	public synchronized StoredItem get(String id) {
		return this.items.get(id);
	}

	@Override
	public synchronized List<StoredItem> items(String itemType) {
		List<StoredItem> found = new ArrayList<>();
		for (StoredItem item : this.items.values()) {
			if (item.itemType().equals(itemType)) {
				found.add(item);
			}
		}
		return found;
	}

	@Override
	public synchronized int size() {
		return this.items.size();
	}

	/**
	 * The rules of {@link LocalStore#apply(List, String)} on a map of items by id.
	 * @param items the items, changed in place
	 * @param changes the changes, in order
	 */
	static void applyTo(Map<String, StoredItem> items, List<Change> changes) {
		for (Change change : changes) {
			if (Change.UPSERT.equals(change.operation())) {
				if (change.node() != null) {
					items.put(change.id(),
							new StoredItem(change.id(), change.itemType(), change.villageId(), change.node()));
				}
			}
			else if (Change.DELETE.equals(change.operation())) {
				StoredItem removed = items.remove(change.id());
				if (removed != null && "HOUSEHOLD".equals(removed.itemType())) {
					JSONArray measures = removed.node().optJSONArray("measures");
					for (int i = 0; measures != null && i < measures.length(); i++) {
						items.remove(measures.getJSONObject(i).getString("id"));
					}
					// and measures added after the household's own last change, which its
					// list does not name, with its cases and tasks: each names its
					// household
					// (a visit stays: it is the cadre's own record)
					for (Iterator<StoredItem> all = items.values().iterator(); all.hasNext();) {
						StoredItem item = all.next();
						JSONObject household = item.node().optJSONObject("household");
						if (!"VISIT".equals(item.itemType()) && household != null
								&& change.id().equals(household.optString("id"))) {
							all.remove();
						}
					}
				}
			}
			else if (Change.LEFT_JURISDICTION.equals(change.operation())) {
				String village = change.villageId();
				items.remove(change.id());
				for (Iterator<StoredItem> all = items.values().iterator(); all.hasNext();) {
					if (all.next().villageId().equals(village)) {
						all.remove();
					}
				}
			}
			// an operation this client does not know yet changes nothing
		}
	}

}
