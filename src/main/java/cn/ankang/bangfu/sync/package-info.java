/**
 * Delta sync for phones: what a resident cadre's phone must hold to work offline, and
 * after the first download only what changed, in the order of a server sequence.
 */
@NullMarked
package cn.ankang.bangfu.sync;

import org.jspecify.annotations.NullMarked;
