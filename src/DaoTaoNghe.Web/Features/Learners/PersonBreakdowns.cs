using System.Linq.Expressions;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Expressions;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// The breakdowns every figure about people shares – sex, Kinh or minority, ethnic group, priority
/// group – written once for the person a row is about, so each area's computation only says how to
/// reach that person.
/// </summary>
[AreaContract]
public static class PersonBreakdowns
{
    public static IndicatorComputation<T> ByPerson<T>(this IndicatorComputation<T> computation, Expression<Func<T, Learner>> person) where T : class =>
        computation
            .BreakdownBy(Dimension.Sex, Of(person, l => l.Sex))
            .BreakdownBy(Dimension.Minority, Of(person, l => l.EthnicGroup == null ? (bool?)null : l.EthnicGroup.Code != EthnicGroup.KinhCode))
            .BreakdownBy(Dimension.EthnicGroup, Of(person, l => l.EthnicGroupId))
            .BreakdownByEach(Dimension.Priority, Of(person, l => l.Priorities.Select(p => p.Category)));

    /// <summary>row → person and person → key make row → key, one expression EF translates.</summary>
    private static Expression<Func<T, TKey>> Of<T, TKey>(Expression<Func<T, Learner>> person, Expression<Func<Learner, TKey>> key) =>
        key.Through(person);
}
