using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace CommandCenter.Server.Security;

/// <summary>The sign-in page: a plain form posting to /auth/login with an anti-forgery token; zh-CN, English with ?lang=en.</summary>
public static class LoginPage
{
    public static IEndpointRouteBuilder MapLoginPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, string? error, string? returnUrl, string? lang) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var en = lang is null ? Components.UiText.IsEnglish : lang == "en";
            var message = error switch
            {
                null => "",
                "lockedout" => en ? "Too many failed attempts: the account is locked for a while." : "失败次数过多，账号已暂时锁定。",
                "disabled" => en ? "This account is disabled." : "该账号已停用。",
                _ => en ? "The user name or password is wrong." : "用户名或密码错误。",
            };
            var html = $$"""
                <!doctype html>
                <html lang="{{(en ? "en" : "zh-CN")}}">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{{(en ? "Sign in · Exam Command Center" : "登录 · 考试指挥中心")}}</title>
                <style>
                  body { font-family: "Noto Sans CJK SC", "DejaVu Sans", sans-serif; background: #0b1a2b; color: #e8eef5; display: grid; place-items: center; min-height: 100vh; margin: 0; }
                  form { background: #12263d; padding: 2.5rem; border-radius: .5rem; min-width: 22rem; display: grid; gap: 1rem; }
                  label { display: grid; gap: .4rem; }
                  input, button { font-size: 1.1rem; padding: .7rem; border-radius: .3rem; border: 1px solid #29425e; }
                  button { background: #2f7de1; color: white; border: 0; cursor: pointer; }
                  .error { color: #ff8a8a; } a { color: #8ab8ff; }
                </style></head>
                <body>
                <form method="post" action="/auth/login">
                  <h1>{{(en ? "Exam Command Center" : "考试指挥中心")}}</h1>
                  <p class="error" role="alert">{{WebUtility.HtmlEncode(message)}}</p>
                  <label>{{(en ? "User name" : "用户名")}} <input name="userName" autocomplete="username" required maxlength="64" autofocus></label>
                  <label>{{(en ? "Password" : "密码")}} <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
                  <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
                  <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
                  <button type="submit">{{(en ? "Sign in" : "登录")}}</button>
                  <a href="/login?lang={{(en ? "zh" : "en")}}">{{(en ? "中文" : "English")}}</a>
                </form>
                </body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }
}
