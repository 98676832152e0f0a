/**
 * Photos from phones: resumable uploads by content hash, checked by content, stored
 * behind one interface, and served only within the jurisdiction of the visits that refer
 * to them.
 */
@NullMarked
package cn.ankang.bangfu.photo;

import org.jspecify.annotations.NullMarked;
