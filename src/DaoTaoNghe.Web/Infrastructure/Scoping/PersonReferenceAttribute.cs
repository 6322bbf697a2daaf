namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// Marks a record's reference to a person (a learner id) that a merge of duplicate person records
/// moves to the surviving record. The write guard lets a change of only such references through
/// whoever keeps the record: a commune officer merging a person must be able to carry along the
/// bank's loan or the employment centre's contract, which they may not otherwise edit.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonReferenceAttribute : Attribute;
