/**
 * When to try again after a transient failure: exponential backoff with full jitter, so
 * that thousands of phones coming back into coverage at once do not come back in step.
 */
package cn.ankang.client.retry;
