/**
 * Bangfu: the GraphQL backend of a prefecture's rural-revitalization programme, one
 * package per feature.
 */
@NullMarked
package cn.ankang.bangfu;

import org.jspecify.annotations.NullMarked;
