/**
 * Villages' own records: collective income per year, legal advisers posted, village
 * plans, and the relocation communities among the communities.
 */
@NullMarked
package cn.ankang.bangfu.village;

import org.jspecify.annotations.NullMarked;
