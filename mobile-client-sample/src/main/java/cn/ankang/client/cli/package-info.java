/**
 * A first secretary's day on the command line: sign in, pull the village, record visits
 * offline, sync them.
 */
package cn.ankang.client.cli;
