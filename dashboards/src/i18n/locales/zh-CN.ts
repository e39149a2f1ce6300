import type { Translation } from './en';

export const zhCN: Translation = {
  app: {
    name: 'Banca Insight',
    tagline: '银保联合营销分析',
  },
  language: {
    label: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    label: '主导航',
    overview: '总览',
  },
  session: {
    signedInAs: '当前用户：{{name}}',
    logout: '退出登录',
    loggingOut: '正在退出…',
    checking: '正在验证登录状态…',
  },
  roles: {
    admin: '系统管理员',
    marketing: '营销团队',
    manager: '管理层',
    compliance: '合规',
  },
  login: {
    title: '登录',
    intro: '请使用管理员为您创建的账号登录。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    failed: '登录失败',
    refused: '用户名不存在或密码错误。',
  },
  panel: {
    loading: '加载中…',
    refreshing: '正在更新…',
    empty: '暂无数据。',
    errorTitle: '数据加载失败',
    requestId: '请求编号',
    errorId: '错误编号',
    retry: '重试',
  },
  errors: {
    UNAUTHENTICATED: '登录已过期，请重新登录。',
    FORBIDDEN: '您的角色无权访问此内容。',
    NOT_FOUND: '未找到相关内容。',
    NETWORK: '无法连接服务器，请检查网络后重试。',
    INVALID_RESPONSE: '服务器返回的数据格式不符合预期。',
    RATE_LIMITED: '尝试次数过多，请稍候一分钟再试。',
    unknown: '服务器出现错误。',
  },
  notFound: {
    title: '页面不存在',
    body: '此地址没有对应的页面。',
    home: '返回首页',
  },
  forbidden: {
    title: '您的角色无权访问此页面',
    body: '如需访问，请联系系统管理员。',
  },
  tiers: {
    hnw: '高净值客户',
    middle: '中产客户',
    basic: '基础客户',
  },
  overview: {
    title: '总览',
    intro: '合作双方共享数据中各层级的客户分布。',
    filters: {
      label: '筛选',
      region: '地区',
      allRegions: '全部地区',
    },
    kpi: {
      totalCustomers: '客户总数',
      ruleVersion: '分层规则版本',
      ruleVersionValue: 'v{{version}}',
      computedAt: '分层计算时间',
      notComputed: '尚未计算',
    },
    tierChart: {
      title: '各层级客户数',
      description: '每个层级的客户数量；每位客户只属于一个层级。',
      tier: '客户层级',
      series: '客户数',
      share: '占比',
    },
    empty: '尚无已分层的客户。导入合作方客户数据后即可查看分层。',
    emptyRegion: '该地区暂无已分层的客户。',
  },
};
