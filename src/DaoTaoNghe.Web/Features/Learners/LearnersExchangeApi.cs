using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Learners sent by another system under its own ids (PUT: the caller names the record by its key, and
/// sending the same thing twice is harmless by definition). Creation is the registration form's handler,
/// a change the edit form's: the same rules, the same scope, the same answers.
/// </summary>
public sealed class LearnersExchangeApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/exchange/learners/{key}", async (string key, Create.Command command, Handler handler, CancellationToken cancellationToken) =>
                ExchangeResults.Of(await handler.UpsertAsync(key, command, cancellationToken), "/api/v1/learners/"))
            .RequireAuthorization(LearnerPolicies.Write)
            .WithTags("Trao đổi dữ liệu")
            .WithSummary("Gửi người học theo mã của đơn vị (key): chưa có thì đăng ký như biểu mẫu (201), đã có thì sửa hồ sơ (200, updated), "
                         + "gửi lại y nguyên thì không ghi gì (200, unchanged). Hộ gia đình và sự đồng ý chỉ dùng khi đăng ký.");

    public sealed class Handler(AppDbContext db, ExternalKeys keys, Create.Handler create, Edit.Handler edit, PopulationChecks population) : IHandler
    {
        public async Task<UpsertResult> UpsertAsync(string key, Create.Command command, CancellationToken cancellationToken)
        {
            var result = await keys.UpsertAsync("learners", key, command, new ExternalKeys.Operations(
                State: async (id, ct) =>
                    await db.Learners.AnyAsync(l => l.Id == id, ct) ? RecordState.Visible
                    : await db.Learners.IgnoreQueryFilters().AnyAsync(l => l.Id == id, ct) ? RecordState.Hidden
                    : RecordState.Gone,
                Create: async ct => await create.HandleAsync(command, ct),
                Update: (id, ct) => edit.HandleAsync(id, command, ct)), cancellationToken);
            // A registration like the form's, checked like the form's: after the save, whatever the registry answers.
            if (result.Outcome == UpsertOutcome.Created) await population.AtRegistrationAsync(result.Id, cancellationToken);
            return result;
        }
    }
}
