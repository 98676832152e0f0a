package cn.ankang.bangfu;

/**
 * The database of the records tests ({@link RecordsTestSupport}): a second one beside the
 * test database, on the same server, made empty for the run and dropped at its end.
 */
final class RecordsDatabase {

	private static String url;

	private RecordsDatabase() {
	}

	static synchronized String url() {
		if (url == null) {
			url = TestDatabase.createBeside("records");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					TestDatabase.dropBeside("records");
				}
				catch (IllegalStateException ex) {
					// the server went first (the embedded one stops at exit too)
				}
			}));
		}
		return url;
	}

}
