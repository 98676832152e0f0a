/**
 * Field writes recorded offline (visits, corrections, household updates, case steps, task
 * completions): the one durable outbox they wait in, and the sync that delivers them
 * exactly once, in few requests.
 */
package cn.ankang.client.outbox;
