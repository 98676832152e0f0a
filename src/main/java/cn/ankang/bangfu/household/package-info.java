/**
 * Monitored households: members, risks, incomes and the assistance measures applied to
 * them.
 */
@NullMarked
package cn.ankang.bangfu.household;

import org.jspecify.annotations.NullMarked;
