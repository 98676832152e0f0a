/**
 * The phone's side of the Bangfu API over OkHttp and org.json: the GraphQL transport with
 * persisted queries, compressed bodies and a session that refreshes itself.
 */
package cn.ankang.client;
