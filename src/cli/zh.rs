//! The command line in Chinese, the default: every subcommand's and
//! argument's help, the headings, the value names and clap's own errors.
//! The English help is the doc comments of [`super`], as clap derives it.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::lang::Lang;

/// The help of each subcommand and argument: its path (subcommands, then
/// the argument's id, by dots) or, for an argument said alike everywhere,
/// `*.` and its id.
const HELP: &[(&str, &str)] = &[
    ("", "duban（督办）：读督查通报和落实情况，找出滞后、缺报和未达标的事项，起草督办通知"),
    ("*.office", "本室文件夹（duban init 建的），用其中的设置、规则和模板（默认：当前文件夹里有 duban.toml 时就用它）"),
    ("*.lang", "给人看的输出用哪种语言：zh（中文，默认）或 en（英文）；也可设环境变量 DUBAN_LANG"),
    ("*.file", "通报文件：.txt（UTF-8、GBK/GB18030 或 UTF-16）、.docx 或 .html"),
    ("check.file", "通报文件：.txt（UTF-8、GBK/GB18030 或 UTF-16）、.docx 或 .html；或一个放通报的文件夹"),
    (
        "draft.file",
        "通报文件：.txt（UTF-8、GBK/GB18030 或 UTF-16）、.docx 或 .html；或一个放通报的文件夹（加 --out-dir）",
    ),
    ("*.format", "输出格式：text（便于阅读）或 json（供程序读取，字段固定）"),
    ("*.encoding", "文字编码，自动识别出错时指定：utf-8、gbk、gb18030、big5、utf-16le、utf-16be"),
    ("*.as_of", "数据截至日期（YYYY-MM-DD），代替通报里写的时间"),
    ("*.units", "单位名录文件，代替内置的（本室文件夹的 rules/units.yaml）"),
    ("*.phrases", "判断用语文件，代替内置的（本室文件夹的 rules/phrases.yaml）"),
    ("*.rules", "规则文件，或放规则文件（*.yaml）的文件夹，代替内置的规则"),
    ("*.date", "通知的成文日期，按此判断是否超期（默认：通报的发布日期和截至日期中较晚的一个）"),
    ("*.reply_by", "反馈期限（默认：成文日期后 15 天）"),
    ("*.reply_days", "成文日期后多少天反馈（默认 15）"),
    ("*.glob", "给文件夹时读哪些文件，按文件夹内路径匹配（默认：*.txt、*.docx、*.html）"),
    ("parse", "读一期通报，列出结构：各部分、事项及其落实情况"),
    ("facts", "读一期通报的数据：目标与完成、对照序时进度、责任单位、完成时限"),
    ("check", "按规则找出滞后、缺报、未达标的事项（发现问题时退出码为 1）"),
    ("rules", "检查规则文件，或列出在用的规则"),
    ("rules.lint", "检查规则文件或文件夹，不读通报（有错时退出码为 2）"),
    ("rules.lint.path", "规则文件，或放规则文件的文件夹（默认：本室文件夹的 rules）"),
    ("rules.lint.phrases", "核对规则中 statement 用的判断用语文件（默认：内置的）"),
    ("rules.list", "列出在用的规则，及其所在文件和行"),
    ("draft", "起草下一期督办通知（及每个单位的督办单），写成 .docx、.md、.html 或 .txt"),
    ("draft.output", "写到哪里，- 表示直接显示（默认：通报旁边，以通报命名；不会覆盖通报）"),
    ("draft.format", "文件格式：docx、md、html、txt（默认：按输出文件的扩展名，否则 docx）"),
    ("draft.kind", "起草什么：notice（督办通知）、sheets（每个单位一份督办单）或 all（两者）"),
    ("draft.templates", "模板文件夹（notice.tera、sheet.tera），逐个代替内置模板"),
    ("draft.issuer", "发文单位（默认：通报的发文单位）"),
    ("draft.number", "文号，如 督查通报〔2024〕第9期（{year} 为成文年份）；只给序号时填入本室的文号格式"),
    ("draft.addressee", "主送，不带冒号（默认：通报的主送，没有时为“各责任单位”）"),
    ("draft.preset", "Word 版式：portable（默认）、word，或版式文件"),
    ("draft.out_dir", "起草一个文件夹的通报时，写到哪个文件夹（按原有子文件夹排列）"),
    ("draft.force", "起草文件夹时，替换输出文件夹里已有的稿子"),
    ("serve", "在本机打开网页版：拖入通报，看问题标在原文上，下载督办通知"),
    ("serve.dir", "使用的本室文件夹（默认：--office，或当前文件夹里有 duban.toml 时就用它，否则用内置的）"),
    ("serve.port", "端口（默认：找一个空闲的）"),
    ("serve.listen", "改为监听这个地址，而不是 127.0.0.1（这样同一网络里的其他电脑也能打开）"),
    ("serve.open", "启动后用默认浏览器打开页面"),
    ("init", "建本室文件夹：设置 duban.toml，以及可修改的规则、单位名录、模板和版式"),
    ("init.dir", "要建的文件夹（没有就新建）"),
    ("init.force", "替换已有的文件"),
];

/// Value names, as the help shows them after an option.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("FILE", "文件"),
    ("DIR", "文件夹"),
    ("PATH", "路径"),
    ("DATE", "日期"),
    ("DAYS", "天数"),
    ("TEXT", "文字"),
    ("NAME", "名称"),
    ("PATTERN", "匹配"),
    ("ENCODING", "编码"),
    ("OUT", "输出"),
    ("LANG", "语言"),
    ("PORT", "端口"),
    ("ADDR", "地址"),
    ("FORMAT", "格式"),
    ("KIND", "种类"),
];

/// The help layout, headings in Chinese.
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line in `lang`.
pub fn command(lang: Lang) -> Command {
    let command = super::Cli::command();
    match lang {
        Lang::En => command,
        Lang::Zh => localize(command.disable_version_flag(true).arg(version()), ""),
    }
}

fn version() -> Arg {
    Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本")
}

/// `command` (at `path`) and its subcommands in Chinese.
fn localize(command: Command, path: &str) -> Command {
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if let Some(about) = help(path, None) {
        command = command.about(about);
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| localize_arg(arg, path));
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let inner = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        command = command.mut_subcommand(&name, |sub| localize(sub, &inner));
    }
    command
}

fn localize_arg(mut arg: Arg, path: &str) -> Arg {
    let id = arg.get_id().to_string();
    if let Some(text) = help(path, Some(&id)) {
        // The Chinese help says the possible values itself.
        let values = arg.get_action().takes_values();
        arg = arg.help(text).hide_possible_values(values).hide_default_value(values);
    }
    let heading = if arg.is_positional() { "参数" } else { "选项" };
    let names: Vec<&'static str> =
        arg.get_value_names().unwrap_or_default().iter().filter_map(|n| value_name(n.as_str())).collect();
    if !names.is_empty() {
        arg = arg.value_names(names);
    }
    arg.help_heading(heading)
}

/// The Chinese help at `path` (an argument `id` of it, or the command
/// itself): the argument's own under this command first, then its common one.
fn help(path: &str, id: Option<&str>) -> Option<&'static str> {
    let find = |key: &str| HELP.iter().find(|(k, _)| *k == key).map(|(_, text)| *text);
    match id {
        None => find(path),
        Some(id) => find(&format!("{path}.{id}")).or_else(|| find(&format!("*.{id}"))),
    }
}

fn value_name(name: &str) -> Option<&'static str> {
    VALUE_NAMES.iter().find(|(en, _)| *en == name).map(|(_, zh)| *zh)
}

/// What to print for a command line clap refused, in the language in force.
pub fn parse_error(error: &clap::Error) -> String {
    let help = [ErrorKind::DisplayHelp, ErrorKind::DisplayVersion, ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand];
    if crate::lang::english() || help.contains(&error.kind()) {
        return error.render().to_string();
    }
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join("、"),
        _ => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("没有 {argument} 这个选项"),
        ErrorKind::InvalidSubcommand => format!("没有 {} 这个命令", context(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingSubcommand => "要给一个命令：parse、facts、check、rules、draft、serve 或 init".to_string(),
        ErrorKind::MissingRequiredArgument => format!("缺少 {argument}"),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            format!("{argument} 不能是 {value:?}，可用的有：{valid}")
        }
        ErrorKind::ValueValidation => {
            // Our own parsers (dates) say what is wrong in the language in force.
            let why = std::error::Error::source(error).map(ToString::to_string).unwrap_or_default();
            format!("{argument} 的值 {value:?} 不对：{why}")
        }
        ErrorKind::ArgumentConflict => format!("{argument} 不能和 {} 同时用", context(ContextKind::PriorArg)),
        ErrorKind::TooManyValues if value.is_empty() => "多给了参数".to_string(),
        ErrorKind::TooManyValues => format!("多给了参数 {value:?}"),
        _ => return error.render().to_string(),
    };
    format!("错误：{message}\n用 duban --help 查看用法。\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_and_argument_has_chinese_help() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            if help(path, None).is_none() {
                missing.push(path.to_string());
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if !["help", "version"].contains(&id) && help(path, Some(id)).is_none() {
                    missing.push(format!("{path}.{id}"));
                }
            }
            for sub in command.get_subcommands() {
                let inner =
                    if path.is_empty() { sub.get_name().to_string() } else { format!("{path}.{}", sub.get_name()) };
                walk(sub, &inner, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::super::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Chinese help for {missing:?}");
        command(Lang::Zh).debug_assert();
    }

    #[test]
    fn every_value_name_is_said_in_chinese() {
        let mut names = Vec::new();
        let command = super::super::Cli::command();
        let mut stack = vec![&command];
        while let Some(command) = stack.pop() {
            for arg in command.get_arguments().filter(|a| a.get_action().takes_values()) {
                names.extend(arg.get_value_names().unwrap_or_default().iter().map(|n| n.to_string()));
            }
            stack.extend(command.get_subcommands());
        }
        let unsaid: Vec<&String> = names.iter().filter(|n| !VALUE_NAMES.iter().any(|(en, _)| en == n)).collect();
        assert!(unsaid.is_empty(), "{unsaid:?}");
    }
}
