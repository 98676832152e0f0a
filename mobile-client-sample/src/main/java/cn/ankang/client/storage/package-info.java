/**
 * Durable files for the stores: each write is all or nothing, even when the process is
 * killed or the phone loses power in the middle of it.
 */
package cn.ankang.client.storage;
