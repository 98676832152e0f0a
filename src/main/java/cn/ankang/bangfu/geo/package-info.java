/**
 * Areas: the city, its counties, towns and villages, with division codes and
 * key-assistance designations.
 */
@NullMarked
package cn.ankang.bangfu.geo;

import org.jspecify.annotations.NullMarked;
