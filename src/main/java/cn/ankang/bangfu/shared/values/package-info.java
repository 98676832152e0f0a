/**
 * Values the features share: money and amounts, labels and units, ID numbers, phones,
 * health codes, text rules, masking of personal data, input constraints, digests, row
 * reading.
 */
@NamedInterface("values")
@NullMarked
package cn.ankang.bangfu.shared.values;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
