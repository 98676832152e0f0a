/**
 * The signed-in session's tokens and where they are kept between runs.
 */
package cn.ankang.client.session;
