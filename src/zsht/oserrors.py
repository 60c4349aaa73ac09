"""Operating-system errors in Chinese: `strerror` is English ("Permission denied"), a user reads Chinese."""

from __future__ import annotations

import errno

# What each error means to someone saving a file, and (after "；") what to do about it.
ERRNO_WORDS: dict[int, str] = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限；请检查文件和所在目录的权限",
    errno.EPERM: "没有权限；请检查文件和所在目录的权限",
    errno.ENOSPC: "磁盘空间不足；请清理磁盘后重试",
    errno.EDQUOT: "超出磁盘配额；请清理磁盘后重试",
    errno.EROFS: "只读文件系统，不能写入；请换一个可写的位置",
    errno.EISDIR: "是目录，应为文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EEXIST: "已有同名的文件或目录",
    errno.ENOTEMPTY: "目录不是空的",
    errno.EBUSY: "文件正被占用；请关闭占用它的程序后重试",
    errno.ETXTBSY: "文件正被占用；请关闭占用它的程序后重试",
    errno.EMFILE: "打开的文件太多；请关闭其他程序后重试",
    errno.ENFILE: "系统打开的文件太多；请稍后重试",
    errno.EIO: "磁盘读写出错；请检查磁盘",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接层数太多（可能是循环链接）",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EFBIG: "文件太大",
    errno.EINVAL: "参数无效（文件名或设备不支持这一操作）",
    errno.ENXIO: "设备不存在或未就绪",
    errno.ENODEV: "设备不支持这一操作",
    errno.EPIPE: "输出管道已关闭",
    errno.EAGAIN: "资源暂时不可用；请稍后重试",
    errno.ETIMEDOUT: "操作超时",
    errno.ENOMEM: "内存不足",
}


def errno_words(code: int | None) -> str:
    """The Chinese words for an errno value; an unknown one is named by its number."""
    if code is None:
        return "系统错误"
    return ERRNO_WORDS.get(code, f"系统错误 {code}")


def os_error_message(exc: OSError) -> str:
    """One Chinese line for an OSError, naming the file (and the second file of a rename or link) first."""
    names = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    words = errno_words(exc.errno)
    return f"{' → '.join(names)}：{words}" if names else words
