/**
 * The bodies that drive households out of poverty (带动主体): enterprises, cooperatives,
 * family farms and community factories, and what each did in a year.
 */
@NullMarked
package cn.ankang.bangfu.enterprise;

import org.jspecify.annotations.NullMarked;
