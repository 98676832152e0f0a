/**
 * What the phone holds offline (villages, households, measures, the cadre's visits) and
 * the delta sync that keeps it current from the service's change feed.
 */
package cn.ankang.client.delta;
