/**
 * Resident cadres (first secretaries, team leaders and members) and their postings to
 * villages.
 */
@NullMarked
package cn.ankang.bangfu.cadre;

import org.jspecify.annotations.NullMarked;
