using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>
/// Outreach activities from the sheets communes keep in Excel, one row per activity, checked by the
/// form's own rules. An activity is the same one when it has the same commune, date and content
/// (diacritics kept, case and extra spaces ignored): the row then updates its channel, participants
/// and notes. New activities belong to the importer's organisation, like those made in the form.
/// </summary>
public sealed class OutreachImport(AppDbContext db, IValidator<Create.Command> validator, TimeProvider clock) : ImportTemplate<Create.Command, AppDbContext>(db)
{
    private CommuneCatalogue? _communes;

    public override string Code => "tuyen-truyen";
    public override string Name => "Hoạt động tuyên truyền";
    public override string Summary =>
        "Các hoạt động tuyên truyền về học nghề: ngày tổ chức, xã, phường, nội dung, hình thức và số người tham dự; mỗi dòng một hoạt động, do đơn vị của bạn tổ chức.";
    public override string KeyDescription => "Xã, phường + Ngày tổ chức + Nội dung";
    public override string Policy => OutreachPolicies.Write;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Hoạt động trước ngày 01/7/2025 ghi theo xã, phường lúc đó (xem trang \"Xã, phường\"); số liệu vẫn được cộng vào xã, phường hiện nay.",
        "Nội dung so khớp không phân biệt chữ hoa, chữ thường và dấu cách thừa; dòng trùng khóa với hoạt động đã có sẽ cập nhật hình thức, số người tham dự và ghi chú của hoạt động đó.",
    ];

    protected override IValidator<Create.Command> Validator => validator;

    protected override IEnumerable<ImportColumn<Create.Command>> DefineColumns() =>
    [
        ImportColumn<Create.Command>.For("Ngày tổ chức", c => c.HeldOn, ImportParsers.Date)
            .Required().WithExample("05/03/2026").AlsoKnownAs("Ngày", "Thời gian", "Ngày thực hiện").WithWidth(14),
        ImportColumn<Create.Command>.Lookup("Xã, phường", c => c.CommuneId, "Mã xã (5 chữ số) hoặc tên xã, phường", ResolveCommune)
            .Required().AlsoKnownAs("Xã", "Phường", "Mã xã", "Xã/phường", "Địa bàn", "Nơi tổ chức")
            .WithNote("Nơi tổ chức: xã, phường có hiệu lực vào ngày tổ chức và thuộc phạm vi của bạn.").WithWidth(24),
        ImportColumn<Create.Command>.For("Nội dung", c => c.Title, ImportParsers.Text(300))
            .Required().WithExample("Tuyên truyền chính sách hỗ trợ học nghề tại bản Nà Bó").AlsoKnownAs("Nội dung tuyên truyền", "Tên hoạt động", "Chủ đề").WithWidth(50),
        ImportColumn<Create.Command>.For("Hình thức", c => c.Channel, ImportParsers.Enum<OutreachChannel>())
            .Required().WithExample(Fmt.Enum(OutreachChannel.Meeting)).AlsoKnownAs("Hình thức tuyên truyền").WithWidth(30),
        ImportColumn<Create.Command>.For("Số người tham dự", c => c.Participants, ImportParsers.Integer)
            .Required().WithExample("45").AlsoKnownAs("Số người", "Số lượt người", "Số người tham gia", "Số lượng").WithWidth(14),
        ImportColumn<Create.Command>.For("Ghi chú", c => c.Notes, ImportParsers.MultilineText(2000)).WithWidth(30),
    ];

    protected override async Task PrepareAsync(CancellationToken cancellationToken) =>
        _communes = await CommuneCatalogue.LoadAsync(Db, cancellationToken);

    /// <summary>The commune as it was on the row's date (codes and names were reused by the 2025 merger).</summary>
    private ImportParse<int?> ResolveCommune(ImportCell cell, Create.Command row)
    {
        var (id, error) = _communes!.Resolve(cell.Text, row.HeldOn);
        return error is null ? ImportParse.Ok(id) : ImportParse.Fail<int?>(error);
    }

    protected override string? KeyOf(Create.Command row) => Key(row.CommuneId!.Value, row.HeldOn!.Value, TextSearch.Normalize(row.Title));

    private static string Key(int communeId, DateOnly heldOn, string searchText) => $"{communeId}|{heldOn.DayNumber}|{searchText}";

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<Create.Command>> items, CancellationToken cancellationToken)
    {
        var communeIds = items.Select(i => i.Row.CommuneId!.Value).Distinct().ToList();
        var dates = items.Select(i => i.Row.HeldOn!.Value).Distinct().ToList();
        var titles = items.Select(i => TextSearch.Normalize(i.Row.Title)).Distinct().ToList();
        var existing = (await Db.OutreachEvents
                .Where(e => communeIds.Contains(e.CommuneId) && dates.Contains(e.HeldOn) && titles.Contains(e.SearchText))
                .ToListAsync(cancellationToken))
            .ToLookup(e => Key(e.CommuneId, e.HeldOn, e.SearchText));

        foreach (var item in items)
        {
            var row = item.Row;
            var found = existing[KeyOf(row)!].ToList();
            if (found.Count > 1)
            {
                item.Reject($"Đã có {found.Count} hoạt động cùng xã, phường, ngày và nội dung này; hãy xử lý trùng lặp trên trang Hoạt động tuyên truyền trước.");
                continue;
            }
            var outreach = found.SingleOrDefault();
            if (outreach is null)
            {
                outreach = new OutreachEvent { OrganisationId = Db.Scope.OrganisationId };
                Db.OutreachEvents.Add(outreach);
            }
            outreach.CommuneId = row.CommuneId!.Value;
            outreach.HeldOn = row.HeldOn!.Value;
            outreach.SetTitle(row.Title);
            outreach.Channel = row.Channel!.Value;
            outreach.Participants = row.Participants!.Value;
            outreach.Notes = string.IsNullOrWhiteSpace(row.Notes) ? null : row.Notes.Trim();
            item.Saved(outreach);
        }
    }

    /// <summary>The example names a commune the user may write in; the communes they may write in are listed on their own sheet.</summary>
    public override async Task<ImportSample> SampleAsync(CancellationToken cancellationToken)
    {
        var communes = _communes ??= await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var sample = await base.SampleAsync(cancellationToken);
        var today = VietnamTime.Today(clock);
        var examples = new Dictionary<string, string>(sample.Examples);
        if (communes.Entries.FirstOrDefault(e => e.Writable && e.IsValidOn(today)) is { } commune)
            examples[nameof(Create.Command.CommuneId)] = commune.Name;
        return new ImportSample(examples, [new ImportList("Xã, phường", CommuneCatalogue.ListHeaders, communes.WritableRows())]);
    }
}
