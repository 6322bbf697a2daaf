namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>Fixes the request's data scope from the authenticated user, before any handler queries.</summary>
public sealed class DataScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, DataScopeAccessor accessor)
    {
        accessor.Current = DataScope.FromPrincipal(context.User);
        return next(context);
    }
}
