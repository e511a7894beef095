import type { common as en } from '../en/common.ts';

export const common: Partial<Record<keyof typeof en, string>> = {
  'language.label': '语言',
  'language.en': 'English',
  'language.zh-CN': '简体中文',
  'common.loading': '正在加载…',
  'common.loadingMore': '正在加载更多…',
  'common.tryAgain': '重试',
  'common.close': '关闭',
  'common.cancel': '取消',
  'common.dismiss': '关闭',
  'common.copy': '复制',
  'common.copied': '已复制',
  'common.errorCode': '代码：{{code}}',
  'common.couldNotLoadMore': '无法加载更多：{{message}}',
  'common.couldNotLoadMoreOf': '无法加载更多{{what}}：{{message}}',
  'common.events_other': '{{count, number}} 个事件',
  'common.streams_other': '{{count, number}} 个流',
  'common.v': 'v{{version, number}}',
};
