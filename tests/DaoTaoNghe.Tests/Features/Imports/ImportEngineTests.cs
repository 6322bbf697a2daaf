using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.Imports;

/// <summary>
/// The engine without any feature's care: a template that writes whatever the file says still
/// cannot write outside the caller's scope (the write guard's rule, row by row), and rows refused
/// in a batch are taken back out before the batch is saved.
/// </summary>
public class ImportEngineTests
{
    public sealed class RawRow
    {
        public int? CommuneId { get; set; }
        public int? OrganisationId { get; set; }
        public string? Title { get; set; }
    }

    /// <summary>Trusts the file completely: the engine's own checks are all that stand between it and the database.</summary>
    private sealed class TrustingTemplate(AppDbContext db) : ImportTemplate<RawRow, AppDbContext>(db)
    {
        public override string Code => "thu";
        public override string Name => "Thử";
        public override string Summary => "";
        public override string KeyDescription => "Nội dung";
        public override string Policy => DaoTaoNghe.Features.Learners.LearnerPolicies.Write;

        protected override IEnumerable<ImportColumn<RawRow>> DefineColumns() =>
        [
            ImportColumn<RawRow>.For("Xã", r => r.CommuneId, ImportParsers.Integer).Required(),
            ImportColumn<RawRow>.For("Đơn vị", r => r.OrganisationId, ImportParsers.Integer).Required(),
            ImportColumn<RawRow>.For("Nội dung", r => r.Title, ImportParsers.Text(300)).Required(),
        ];

        protected override string? KeyOf(RawRow row) => row.Title;

        protected override Task ApplyAsync(IReadOnlyList<ImportItem<RawRow>> items, CancellationToken cancellationToken)
        {
            foreach (var item in items)
            {
                var outreach = new OutreachEvent
                {
                    CommuneId = item.Row.CommuneId!.Value, OrganisationId = item.Row.OrganisationId!.Value,
                    HeldOn = new DateOnly(2026, 3, 5), Channel = OutreachChannel.Meeting, Participants = 1,
                };
                outreach.SetTitle(item.Row.Title!);
                Db.OutreachEvents.Add(outreach);
                item.Saved(outreach);
            }
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Rows_the_caller_may_not_write_are_refused_and_never_saved_with_their_batch()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var other = await TestData.OrganisationAsync(DaoTaoNghe.Features.Organisations.OrganisationKind.CommuneGovernment, tanUyen);
        var userId = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync());
        var m = TestData.Unique();
        ImportRecord Record(int row, int commune, int owner, string title) => new(row, new Dictionary<int, ImportCell>
        {
            [0] = new(commune.ToString(), commune), [1] = new(owner.ToString(), owner), [2] = new(title),
        });

        ImportSummary summary;
        await using (var scope = TestApp.Instance.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current =
                DataScope.ForUser(Roles.CommuneOfficer, userId, officer, organisation.Id, binhLu.ProvinceId!.Value, binhLu.Id);
            var template = new TrustingTemplate(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            summary = await template.RunAsync(new ImportRun(
                [
                    Record(2, binhLu.Id, organisation.Id, $"Của mình {m} 1"),
                    Record(3, tanUyen.Id, other.Id, $"Của xã khác {m}"),
                    Record(4, binhLu.Id, organisation.Id, $"Của mình {m} 2"),
                    Record(5, binhLu.Id, organisation.Id, $"Của mình {m} 1"),
                ],
                new Dictionary<string, int> { ["CommuneId"] = 0, ["OrganisationId"] = 1, ["Title"] = 2 },
                HeaderRow: 1, MergedRanges: [], Commit: true, BatchSize: 2), CancellationToken.None);
        }

        (summary.Rows, summary.Created, summary.Rejected).ShouldBe((4, 2, 2));
        summary.Problems.Select(p => (p.Row, p.Message)).ShouldBe([
            (5, "Trùng với dòng 2: cùng Nội dung; mỗi bản ghi chỉ được có một dòng trong tệp."),
            (3, "Bạn không có quyền ghi bản ghi này: nó thuộc đơn vị hoặc xã, phường ngoài phạm vi của bạn."),
        ], ignoreOrder: true);
        (await TestData.WithDbAsync(db => db.OutreachEvents.Where(e => e.Title.Contains(m)).Select(e => e.Title).OrderBy(t => t).ToListAsync()))
            .ShouldBe([$"Của mình {m} 1", $"Của mình {m} 2"]);
    }
}
