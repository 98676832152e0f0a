/**
 * City leaders' liaison with counties and key villages.
 */
@NullMarked
package cn.ankang.bangfu.leader;

import org.jspecify.annotations.NullMarked;
