package cn.ankang.client.outbox;

import org.json.JSONObject;

/**
 * A field write as the cadre made it, before it has its id: {@link Outbox#record(Draft)}
 * gives it one and stores it, and from then on it is sent with that id only.
 */
public interface Draft {

	/**
	 * What kind of write it is.
	 * @return the kind
	 */
	WriteKind kind();

	/**
	 * The service's input for this write under an id.
	 * @param id the id made for it, a UUID in time order ({@link WriteIds})
	 * @return a new JSON object
	 */
	JSONObject toInput(String id);

}
