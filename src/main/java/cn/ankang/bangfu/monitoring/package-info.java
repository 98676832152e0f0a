/**
 * The monitoring workflow: cases that carry a household from a risk found to the risk
 * eliminated through recorded steps, the tasks that say who acts next, and departments'
 * risk warnings that feed the loop.
 */
@NullMarked
package cn.ankang.bangfu.monitoring;

import org.jspecify.annotations.NullMarked;
