using DaoTaoNghe.Infrastructure.Data;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>The cells name organisations by key: after a renumbering the worker counts them again from the records.</summary>
public sealed class RebuildAfterRenumbering(MaintainedValues values) : IAfterKeyRenumbering
{
    public Task AfterRenumberingAsync(CancellationToken cancellationToken) =>
        values.RequestRebuildAsync("đánh số lại khóa theo dải của tỉnh", cancellationToken);
}
