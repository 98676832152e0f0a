package cn.ankang.bangfu;

/**
 * What the tests of the demo data set share: a list's total count through the API. It
 * adds no configuration to {@link ApiTestSupport}, so that its tests run in the one
 * cached context.
 */
abstract class DemoDataTestSupport extends ApiTestSupport {

	int totalCount(String field) {
		return this.graphQl.document("{ " + field + " { totalCount } }")
			.execute()
			.path(field.substring(0, field.indexOf('(')) + ".totalCount")
			.entity(Integer.class)
			.get();
	}

}
