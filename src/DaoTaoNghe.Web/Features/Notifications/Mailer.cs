using System.Net;
using System.Net.Mail;
using System.Text;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>Smtp:Host, Port, From, UserName, Password, EnableSsl. No host, no e-mail: in-app notifications still go out.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "DaoTaoNghe <khong-tra-loi@daotaonghe.local>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; }
}

/// <summary>Sends plain-text UTF-8 e-mail through the configured SMTP server.</summary>
[AreaContract]
public sealed class Mailer(IOptions<SmtpSettings> options) : IHandler
{
    private readonly SmtpSettings _settings = options.Value;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_settings.Host);

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        using var client = new SmtpClient(_settings.Host, _settings.Port) { EnableSsl = _settings.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(_settings.UserName)) client.Credentials = new NetworkCredential(_settings.UserName, _settings.Password);
        var from = new MailAddress(_settings.From);
        using var message = new MailMessage(new MailAddress(from.Address, from.DisplayName, Encoding.UTF8), new MailAddress(to))
        {
            Subject = subject, Body = body, SubjectEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8, IsBodyHtml = false,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}
