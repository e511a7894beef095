import type { keys as en } from '../en/keys.ts';

export const keys: Partial<Record<keyof typeof en, string>> = {
  'keys.protection.safeStorage': '用系统钥匙串加密 (safeStorage)',
  'keys.protection.file': '查看器设置文件夹中仅所有者可读的文件',
  'keys.title': '签名密钥',
  'keys.about': '签名导出会对其清单附上 Ed25519 签名，因此同事、监管机构或法院只用 OpenSSL 就能核验导出包未被改动且来自此密钥。请通过其他途径把公钥（或其指纹）交给他们。',
  'keys.loading': '正在读取签名密钥…',
  'keys.none': '还没有签名密钥。第一次签名导出时也会为您创建一个。',
  'keys.name.label': '签名导出包中显示的名称',
  'keys.name.placeholder': '例如 张伟，内部审计（默认：您的用户名和计算机名）',
  'keys.creating': '正在创建…',
  'keys.create': '创建签名密钥',
  'keys.created': '已创建新的签名密钥。',
  'keys.fact.name': '名称',
  'keys.fact.fingerprint': '指纹',
  'keys.fact.created': '创建时间',
  'keys.fact.kept': '保存方式',
  'keys.copyFingerprint': '复制指纹',
  'keys.publicKey': '公钥',
  'keys.copyPublicKey': '复制公钥',
  'keys.howToCheck': '指纹是 DER 格式公钥的 sha256：<code>openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum</code>。用 <cli>ledger verify-export FOLDER --pubkey signer.pub.pem</cli> 或导出包中 VERIFY.txt 里的 OpenSSL 命令来核验导出包。',
};
