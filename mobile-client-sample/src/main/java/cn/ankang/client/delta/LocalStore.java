package cn.ankang.client.delta;

import java.io.IOException;
import java.util.List;

/**
 * What the phone holds offline, with the feed's cursor. A page of changes and the cursor
 * after it are applied together, in one write (one Room transaction on Android): a kill
 * leaves the store at the page before or the page after, and the next pull resumes from
 * the cursor that matches what is stored. The rules of {@link #apply(List, String)}:
 * <ul>
 * <li>{@code UPSERT}: store the node under the id, replacing what was there (a change
 * without a node is skipped: a later page tells what became of the item);</li>
 * <li>{@code DELETE}: remove the item, and for a household its measures (those it lists
 * and those that name it); an unknown id is ignored;</li>
 * <li>{@code LEFT_JURISDICTION}: remove the village and every item of that village.</li>
 * </ul>
 */
public interface LocalStore {

	/**
	 * Where the feed stands for what is stored.
	 * @return the cursor, or null when nothing was ever pulled
	 * @throws IOException when the store cannot be read
	 */
	String cursor() throws IOException;

	/**
	 * Applies a page of changes and keeps the cursor after it, all at once.
	 * @param changes the page's changes, in order
	 * @param cursor the page's cursor
	 * @throws IOException when the store refuses; nothing is changed then
	 */
	void apply(List<Change> changes, String cursor) throws IOException;

	/**
	 * An item.
	 * @param id its global id
	 * @return the item, or null when not held
	 * @throws IOException when the store cannot be read
	 */
	StoredItem get(String id) throws IOException;

	/**
	 * The items of a kind.
	 * @param itemType {@code VILLAGE}, {@code HOUSEHOLD}, {@code ASSISTANCE_MEASURE} or
	 * {@code VISIT}
	 * @return the items, in the order they were first stored
	 * @throws IOException when the store cannot be read
	 */
	List<StoredItem> items(String itemType) throws IOException;

	/**
	 * How many items are held.
	 * @return the number
	 * @throws IOException when the store cannot be read
	 */
	int size() throws IOException;

}
