package cn.ankang.bangfu.security.limits;

import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where rate limits keep their buckets: the database ({@link RateLimits}), or memory in
 * unit tests.
 */
@FunctionalInterface
interface TokenBuckets {

	/** The bucket of a key, made with the configuration if it does not exist yet. */
	Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

}
