/**
 * Visits recorded offline: the durable outbox they wait in, and the sync that delivers
 * them exactly once with {@code syncVisits}.
 */
package cn.ankang.client.outbox;
