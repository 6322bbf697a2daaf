using System.Linq.Expressions;

namespace DaoTaoNghe.Infrastructure.Expressions;

/// <summary>
/// The one place where predicates are combined for EF: a rule written for one entity applied to a
/// record reached through a navigation, and predicates joined with and/or. Members reached through
/// an interface (<c>IScopeUnit.ProvinceId</c>) are turned into the entity's own property, which is
/// what EF can translate.
/// </summary>
public static class ExpressionSplicing
{
    /// <summary><paramref name="rule"/> about <typeparamref name="TInner"/>, applied to what <paramref name="path"/> reaches from <typeparamref name="T"/>.</summary>
    public static Expression<Func<T, TResult>> Through<T, TInner, TResult>(this Expression<Func<TInner, TResult>> rule, Expression<Func<T, TInner>> path) =>
        Expression.Lambda<Func<T, TResult>>(Splice(rule, path.Body), path.Parameters);

    public static Expression<Func<T, bool>> Or<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, Splice(right, left.Parameters[0])), left.Parameters);

    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, Splice(right, left.Parameters[0])), left.Parameters);

    /// <summary>The body of <paramref name="lambda"/> with its single parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Splice(LambdaExpression lambda, Expression argument) =>
        new Rewriter(lambda.Parameters[0], argument).Visit(lambda.Body)!;

    private sealed class Rewriter(ParameterExpression parameter, Expression argument) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? argument : node;

        protected override Expression VisitMember(MemberExpression node)
        {
            var instance = Visit(node.Expression);
            if (instance is null || node.Member.DeclaringType is not { IsInterface: true } contract)
                return node.Update(instance);
            while (instance is UnaryExpression { NodeType: ExpressionType.Convert } convert && convert.Type.IsInterface)
                instance = convert.Operand;
            if (instance.Type.IsInterface) return node.Update(instance);
            var map = instance.Type.GetInterfaceMap(contract);
            var getter = ((System.Reflection.PropertyInfo)node.Member).GetMethod!;
            var implementation = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, getter)];
            var property = instance.Type.GetProperties().Single(p => p.GetMethod == implementation);
            return Expression.Property(instance, property);
        }
    }
}
