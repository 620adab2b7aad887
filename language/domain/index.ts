// Domain knowledge of 预算绩效目标 as plain data and pure functions: indicator taxonomy, units, the 指标值 parser and
// the vague-word list. No Langium here; validation, completion and quick-fixes build on these.
export { DataFileError } from './data-file.js';
export { categoryByCode, level1ByName, level1sOf, level2ByName, level2sOf, type CostModel, type IndicatorCategory } from './taxonomy.js';
export {
    allUnits, comparableUnits, isCountUnit, isDurationUnit, isMoneyUnit, isPercentUnit, toBase, unitInfo, unitKind,
    type UnitInfo, type UnitKind
} from './units.js';
export {
    formatQuantity, formatValue, parseValue,
    type DateTarget, type Hedge, type Operator, type ParseOptions, type ParsedValue, type Quantity, type ValueKind
} from './values.js';
export { measureOfName, wrongUnitFor, type NameMeasure } from './name-units.js';
export { findVagueWords, rewritesFor, vagueEntries, type VagueEntry, type VagueKind, type VagueMatch, type VagueRewrite } from './vague-words.js';
