using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;

namespace DaoTaoNghe.Features.Reports;

/// <summary>The reporting body writes its draft: the document's fields and the narrative sections. Its figures are refreshed on every save.</summary>
public static class SaveDraft
{
    public class SectionText
    {
        public int Id { get; set; }
        [Display(Name = "Nội dung")] public string? Text { get; set; }
    }

    public class Command
    {
        [Display(Name = "Trích yếu")] public string Title { get; set; } = "";
        [Display(Name = "Số")] public string? Number { get; set; }
        [Display(Name = "Ký hiệu")] public string Symbol { get; set; } = "";
        [Display(Name = "Địa danh")] public string Place { get; set; } = "";
        [Display(Name = "Ngày báo cáo")] public DateOnly? ReportDate { get; set; }
        [Display(Name = "Quyền hạn, chức vụ người ký")] public string SignerAuthority { get; set; } = "";
        [Display(Name = "Họ tên người ký")] public string? SignerName { get; set; }
        [Display(Name = "Nơi nhận")] public string Recipients { get; set; } = "";
        public List<SectionText> Sections { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập trích yếu của báo cáo.").MaximumLength(500);
            RuleFor(c => c.Number).MaximumLength(20);
            RuleFor(c => c.Symbol).NotEmpty().WithMessage("Vui lòng nhập ký hiệu của báo cáo (vd: BC-UBND).").MaximumLength(50);
            RuleFor(c => c.Place).NotEmpty().WithMessage("Vui lòng nhập địa danh ghi trên báo cáo.").MaximumLength(100);
            RuleFor(c => c.SignerAuthority).NotEmpty().WithMessage("Vui lòng nhập quyền hạn, chức vụ của người ký.").MaximumLength(300);
            RuleFor(c => c.SignerName).MaximumLength(200);
            RuleFor(c => c.Recipients).NotEmpty().WithMessage("Vui lòng nhập nơi nhận.").MaximumLength(2000);
            RuleForEach(c => c.Sections).ChildRules(section =>
                section.RuleFor(s => s.Text).MaximumLength(20000).WithMessage("Nội dung mỗi mục tối đa 20.000 ký tự."));
        }
    }

    /// <summary>Copies the command onto a tracked report; a section id that is not the report's is refused.</summary>
    public static void Apply(Report report, Command command)
    {
        report.Title = command.Title.Trim();
        report.Number = string.IsNullOrWhiteSpace(command.Number) ? null : command.Number.Trim();
        report.Symbol = command.Symbol.Trim();
        report.Place = command.Place.Trim();
        report.ReportDate = command.ReportDate;
        report.SignerAuthority = command.SignerAuthority.Trim().Replace("\r\n", "\n");
        report.SignerName = string.IsNullOrWhiteSpace(command.SignerName) ? null : command.SignerName.Trim();
        report.Recipients = command.Recipients.Trim().Replace("\r\n", "\n");
        foreach (var text in command.Sections)
        {
            var section = report.Sections.SingleOrDefault(s => s.Id == text.Id && s.Kind == SectionKind.Narrative)
                ?? throw new ValidationFailedException("Sections", "Mục nội dung không thuộc báo cáo này.");
            section.Text = string.IsNullOrWhiteSpace(text.Text) ? null : text.Text.Trim().Replace("\r\n", "\n");
        }
    }

    public static Command From(Report report) => new()
    {
        Title = report.Title, Number = report.Number, Symbol = report.Symbol, Place = report.Place, ReportDate = report.ReportDate,
        SignerAuthority = report.SignerAuthority, SignerName = report.SignerName, Recipients = report.Recipients,
        Sections = report.Sections.Where(s => s.Kind == SectionKind.Narrative).OrderBy(s => s.Order)
            .Select(s => new SectionText { Id = s.Id, Text = s.Text }).ToList(),
    };

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, ReportAccess access, ReportFill fill) : IHandler
    {
        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var report = await access.LoadForWriteAsync(id, cancellationToken);
            access.EnsureMayDraft(report);
            Apply(report, command);
            await fill.RefreshAsync(report, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
