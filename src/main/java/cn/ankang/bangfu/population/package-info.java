/**
 * The out-of-poverty population (脱贫人口): the register of households lifted out of poverty
 * (脱贫户台账) with their incomes and work year by year, and the microcredit lent to them
 * (脱贫人口小额信贷).
 */
@NullMarked
package cn.ankang.bangfu.population;

import org.jspecify.annotations.NullMarked;
